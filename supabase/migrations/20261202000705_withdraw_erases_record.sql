-- Withdrawing the sign-up consent (the manage link's "删除我的信息") also withdraws the record
-- consent: the volunteer's record is deleted with it (0700). Otherwise as in 0404.
create or replace function public.withdraw_signup(p_token text)
returns json
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  v_id bigint := xinghuo.signup_id_by_token(p_token);
  v_signup xinghuo.signups%rowtype;
  v_event xinghuo.events%rowtype;
  v_cancelled boolean := false;
begin
  select e.* into v_event from xinghuo.events e
  where e.id = (select s.event_id from xinghuo.signups s where s.id = v_id)
  for update;
  select * into v_signup from xinghuo.signups s where s.id = v_id for update;

  if v_signup.anonymised_at is not null then
    return pg_catalog.json_build_object('status', 'withdrawn', 'already', true, 'cancelled', false);
  end if;

  if v_signup.status <> 'cancelled' and v_signup.checked_in_at is null
     and v_event.ends_at > pg_catalog.clock_timestamp() then
    update xinghuo.signups s set status = 'cancelled', cancelled_at = pg_catalog.now() where s.id = v_id;
    if v_signup.status = 'confirmed' then
      perform xinghuo.promote_waitlisted(v_signup.event_id, v_signup.role);
    end if;
    v_cancelled := true;
  end if;

  perform xinghuo.erase_volunteer_record(v_signup.phone);
  update xinghuo.signups s
  set name = null, phone = null, organisation = null, anonymised_at = pg_catalog.now()
  where s.id = v_id;
  return pg_catalog.json_build_object('status', 'withdrawn', 'already', false, 'cancelled', v_cancelled);
end;
$$;
revoke all on function public.withdraw_signup(text) from public, anon, authenticated, service_role;
grant execute on function public.withdraw_signup(text) to anon, authenticated;
