// The provider actions the worker uses, answered in each provider's documented shape:
//   Aliyun SendSms / QuerySendDetails (dysmsapi 2017-05-25), Tencent SendSms /
//   PullSmsSendStatusByPhoneNumber (sms 2021-01-11). Business errors are answered the providers'
//   way: Aliyun HTTP 200 with a Code, Tencent a per-number Code in SendStatusSet.
import { randomUUID } from 'node:crypto';

const mainland = /^1[3-9]\d{9}$/;

function aliyunSend(state, q) {
  const ok = (extra) => [200, { Code: 'OK', Message: 'OK', RequestId: randomUUID(), ...extra }];
  const refuse = (code, message) => [200, { Code: code, Message: message, RequestId: randomUUID() }];
  if (!q.PhoneNumbers || !q.PhoneNumbers.split(',').every((p) => mainland.test(p))) return refuse('isv.MOBILE_NUMBER_ILLEGAL', '非法手机号');
  if (q.SignName !== state.signName) return refuse('isv.SMS_SIGNATURE_ILLEGAL', '该账号下找不到对应签名');
  if (!state.templateKnown(q.TemplateCode)) return refuse('isv.SMS_TEMPLATE_ILLEGAL', '该账号下找不到对应模板');
  let params;
  try {
    params = JSON.parse(q.TemplateParam ?? '{}');
  } catch {
    return refuse('isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
  }
  const fault = state.takeFault(q.PhoneNumbers.split(',')[0]);
  if (fault) return refuse(fault, 'stand-in: injected error');
  let bizId = '';
  for (const phone of q.PhoneNumbers.split(',')) {
    bizId = `${Date.now()}^${state.accept({ provider: 'aliyun', phone, templateId: q.TemplateCode, params, reference: q.OutId }).id}`;
  }
  return ok({ BizId: bizId });
}

function aliyunQuery(state, q) {
  const day = q.SendDate;
  const page = Number(q.CurrentPage ?? 1);
  const size = Number(q.PageSize ?? 10);
  const all = state.sent.filter(
    (s) => s.provider === 'aliyun' && s.phone === q.PhoneNumber && new Date(s.at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '') === day,
  );
  const rows = all.slice((page - 1) * size, page * size).map((s) => ({
    PhoneNum: s.phone, SendStatus: 3, ErrCode: 'DELIVERED', TemplateCode: s.templateId, Content: JSON.stringify(s.params),
    SendDate: s.at.toISOString(), ReceiveDate: s.at.toISOString(), OutId: s.reference ?? '',
  }));
  return [200, { Code: 'OK', Message: 'OK', RequestId: randomUUID(), TotalCount: String(all.length), SmsSendDetailDTOs: { SmsSendDetailDTO: rows } }];
}

export function aliyunAction(state, action, query) {
  if (action === 'SendSms') return aliyunSend(state, query);
  if (action === 'QuerySendDetails') return aliyunQuery(state, query);
  return [400, { RequestId: randomUUID(), Code: 'InvalidAction.NotFound', Message: `stand-in serves SendSms and QuerySendDetails, not ${action}` }];
}

function tencentSend(state, b) {
  const error = (code, message) => ({ Error: { Code: code, Message: message } });
  if (b.SmsSdkAppId !== state.appId) return error('FailedOperation.SmsSdkAppIdVerifyFail', 'SmsSdkAppId verify failed.');
  if (b.SignName !== state.signName) return error('FailedOperation.SignatureIncorrectOrUnapproved', 'signature incorrect or unapproved.');
  if (!state.templateKnown(b.TemplateId)) return error('FailedOperation.TemplateIncorrectOrUnapproved', 'template incorrect or unapproved.');
  const set = (b.PhoneNumberSet ?? []).map((full) => {
    const phone = String(full).replace(/^\+86/, '');
    const status = { SerialNo: '', PhoneNumber: full, Fee: 0, SessionContext: b.SessionContext ?? '', IsoCode: 'CN' };
    if (!mainland.test(phone)) return { ...status, Code: 'InvalidParameterValue.IncorrectPhoneNumber', Message: 'incorrect phone number' };
    const fault = state.takeFault(phone);
    if (fault) return { ...status, Code: fault, Message: 'stand-in: injected error' };
    const params = Object.fromEntries((b.TemplateParamSet ?? []).map((v, i) => [String(i + 1), v]));
    const record = state.accept({ provider: 'tencent', phone, templateId: b.TemplateId, params, reference: b.SessionContext });
    return { ...status, SerialNo: record.id, Fee: 1, Code: 'Ok', Message: 'send success' };
  });
  return { SendStatusSet: set };
}

function tencentPull(state, b) {
  const phone = String(b.PhoneNumber ?? '').replace(/^\+86/, '');
  const since = Number(b.BeginTime ?? 0) * 1000;
  const all = state.sent.filter((s) => s.provider === 'tencent' && s.phone === phone && s.at.getTime() >= since);
  const rows = all.slice(Number(b.Offset ?? 0), Number(b.Offset ?? 0) + Number(b.Limit ?? 100)).map((s) => ({
    UserReceiveTime: Math.floor(s.at.getTime() / 1000), CountryCode: '86', SubscriberNumber: s.phone, PhoneNumber: `+86${s.phone}`,
    SerialNo: s.id, ReportStatus: 'SUCCESS', Description: 'DELIVRD', SessionContext: s.reference ?? '',
  }));
  return { PullSmsSendStatusSet: rows };
}

export function tencentAction(state, action, body) {
  if (action === 'SendSms') return tencentSend(state, body);
  if (action === 'PullSmsSendStatusByPhoneNumber') return tencentPull(state, body);
  return { Error: { Code: 'InvalidAction', Message: `stand-in serves SendSms and PullSmsSendStatusByPhoneNumber, not ${action}` } };
}
