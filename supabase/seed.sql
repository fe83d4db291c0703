-- Demo accounts for LOCAL development only (the password is public in the README). Never run this
-- against a production project. Works with this stand-in and with `supabase db reset`.
--   coordinator@xinghuo.local / xinghuo-demo-2026  → coordinator 示范协调员, team lead (every branch)
--   branch@xinghuo.local      / xinghuo-demo-2026  → coordinator 示范支行协调员, 市南支行 only
--   volunteer@xinghuo.local   / xinghuo-demo-2026  → signed-in user, not a coordinator
insert into auth.users (
  instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
  confirmation_token, recovery_token, email_change_token_new, email_change,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at
)
select '00000000-0000-0000-0000-000000000000', u.id, 'authenticated', 'authenticated', u.email,
       extensions.crypt('xinghuo-demo-2026', extensions.gen_salt('bf', 10)), now(),
       '', '', '', '',
       '{"provider": "email", "providers": ["email"]}', u.meta, now(), now()
from (values
  ('5eed0000-0000-4000-8000-000000000001'::uuid, 'coordinator@xinghuo.local', '{"display_name": "示范协调员"}'::jsonb),
  ('5eed0000-0000-4000-8000-000000000002'::uuid, 'volunteer@xinghuo.local', '{}'::jsonb),
  ('5eed0000-0000-4000-8000-000000000003'::uuid, 'branch@xinghuo.local', '{"display_name": "示范支行协调员"}'::jsonb)
) as u (id, email, meta)
on conflict (id) do nothing;

insert into auth.identities (id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
select u.id, u.id::text, u.id,
       jsonb_build_object('sub', u.id::text, 'email', u.email, 'email_verified', true),
       'email', now(), now(), now()
from auth.users u
where u.id in ('5eed0000-0000-4000-8000-000000000001', '5eed0000-0000-4000-8000-000000000002',
               '5eed0000-0000-4000-8000-000000000003')
on conflict do nothing;

-- The demo team's branches (支行); supabase/seed/programme.sql gives each demo event one of them.
insert into xinghuo.branches (id, label, sort) values
  ('shinan', '市南支行', 10), ('laoshan', '崂山支行', 20), ('huangdao', '黄岛支行', 30), ('chengyang', '城阳支行', 40)
on conflict (id) do nothing;

insert into xinghuo.coordinators (user_id, display_name, active, team_lead, branch_id) values
  ('5eed0000-0000-4000-8000-000000000001', '示范协调员', true, true, null),
  ('5eed0000-0000-4000-8000-000000000003', '示范支行协调员', true, false, 'shinan')
on conflict (user_id) do nothing;
