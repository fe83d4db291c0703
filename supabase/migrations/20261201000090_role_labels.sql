-- The volunteer roles of this stage, each with the name messages write: the one SQL place that
-- lists them besides the signups table's check constraint (src/lib/taxonomy.ts volunteerRoles holds
-- the same; tests/db/messages-producers.test.ts holds them equal). sign_up validates a role with it
-- (an unknown role has no name), and the staffing alerts name roles with it. The programme issue
-- (#10) replaces it with an editable role catalogue.
create or replace function xinghuo.role_label(p_role text)
returns text
language sql
immutable
set search_path = ''
as $$
  select case p_role when 'bank_staff' then '银行工作人员' when 'police' then '民警'
    when 'street_office' then '街道社区工作人员' when 'lawyer' then '律师' when 'volunteer' then '其他志愿者（学生、退休人员等）' end
$$;
revoke execute on function xinghuo.role_label(text) from public, anon, authenticated, service_role;
