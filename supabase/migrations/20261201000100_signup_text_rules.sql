-- Names and phones as the README states them (issue 12). Characters that show nothing on screen
-- (zero-width, bidi controls, fillers, variation selectors, tags) are removed before any check:
-- a name made only of them is empty (name_required), and one pasted with them (WeChat and PDFs
-- add them unseen) is stored without them, so a coordinator reads and searches the same name the
-- volunteer sees. Removing is safer than keeping: a bidi override inside a name can reorder what
-- a roster shows. Every Unicode space counts as a space. In phones, full-width digits, "+" and
-- "-" (what Chinese input methods type) and the other dashes are folded to ASCII before the
-- number is checked. The browser's copy of these rules is src/lib/validate-signup.ts (a db test
-- holds the two equal).

-- Trim spaces of every kind after removing the invisible characters anywhere in the text.
create or replace function xinghuo.clean_text(p text)
returns text
language sql
immutable
set search_path = ''
as $$
  select pg_catalog.btrim(
    pg_catalog.regexp_replace(coalesce(p, ''),
      '[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB\U0001D173-\U0001D17A\U000E0000-\U000E0FFF]',
      '', 'g'),
    E' \t\r\n\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u3000')
$$;

-- "１３８－１２３４－５６７８", "+86 138 1234 5678", "138—1234—5678": fold full-width digits and
-- signs, drop spaces and dashes of every kind and the country code; the caller checks the rest.
create or replace function xinghuo.normalise_phone(p text)
returns text
language sql
immutable
set search_path = ''
as $$
  select pg_catalog.regexp_replace(
    pg_catalog.regexp_replace(
      pg_catalog.translate(xinghuo.clean_text(p), '０１２３４５６７８９＋－', '0123456789+-'),
      '[ \u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\u2010-\u2015\u2212\uFE63-]', '', 'g'),
    '^(\+86|0086)', '')
$$;

-- As before, plus the C1 controls and the line/paragraph separators, which no name contains.
create or replace function xinghuo.name_has_bad_chars(p text)
returns boolean
language sql
immutable
set search_path = ''
as $$
  select p ~ '[0-9０-９!"#$%&''()*+,/:;<=>?@\[\\\]^_`{|}~\x01-\x1f\x7f\x80-\x9f\u2028\u2029]'
$$;

revoke all on function xinghuo.clean_text(text), xinghuo.normalise_phone(text), xinghuo.name_has_bad_chars(text)
  from public, anon, authenticated;
