// Typed verbs over the volunteer-record RPCs (anon, token or serial in the request body).
import { call } from './signup';

export interface RecordService {
  slug: string;
  title: string;
  starts_at: string;
  ends_at: string;
  role: string;
  role_label: string;
  hours: number;
}

export interface VolunteerRecord {
  name: string;
  consented_at: string;
  services: RecordService[];
  years: { year: number; events: number; hours: number }[];
  certificates: { serial: string; year: number; hours: number; events: number; issued_at: string; ready: boolean }[];
}

export interface VerifiedCertificate {
  serial: string;
  name: string;
  period_from: string;
  period_to: string;
  hours: number;
  events: number;
}

/** The separate record consent, given with the sign-up's manage token once the number is verified. */
export function keepVolunteerRecord(manageToken: string, consentVersion: string): Promise<{ kept: true; link_sent: boolean }> {
  return call('keep_volunteer_record', { p_token: manageToken, p_consent_version: consentVersion });
}

export function myVolunteerRecord(token: string): Promise<VolunteerRecord> {
  return call('my_volunteer_record', { p_token: token });
}

export function withdrawVolunteerRecord(token: string): Promise<{ erased: true }> {
  return call('withdraw_volunteer_record', { p_token: token });
}

export function requestCertificate(token: string, year: number): Promise<{ serial: string; ready: boolean }> {
  return call('request_certificate', { p_token: token, p_year: year });
}

/** The PDF as base64 once the worker made it (ready false until then). */
export function certificatePdf(token: string, serial: string): Promise<{ serial: string; ready: boolean; pdf: string | null }> {
  return call('certificate_pdf', { p_token: token, p_serial: serial });
}

export function verifyCertificate(serial: string): Promise<VerifiedCertificate> {
  return call('verify_certificate', { p_serial: serial });
}
