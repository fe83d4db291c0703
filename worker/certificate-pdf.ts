// graphile-worker task `certificate_pdf`: renders a 志愿时长证明 (request_certificate queues it) and
// stores it with the certificate. Made here, not in the browser, so the record page stays light
// (pdfkit and a CJK font are megabytes) and the PDF embeds only the glyphs it uses (pdfkit subsets).
// The QR and a link annotation both carry the public verification URL of the serial.
import type { Task } from 'graphile-worker';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

export const cjkFontPath = process.env.XINGHUO_CJK_FONT ?? '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
// The face inside the collection (wqy-microhei.ttc also holds a monospaced one).
const cjkFontFace = process.env.XINGHUO_CJK_FONT_FACE ?? 'WenQuanYiMicroHei';

export interface CertificateData {
  serial: string;
  name: string;
  year: number;
  period_from: string;
  period_to: string;
  hours: number;
  events: number;
  issued_at: string;
  verify_url: string;
}

const dateZh = (iso: string) => {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};

export async function renderCertificate(c: CertificateData, organisation: string): Promise<Buffer> {
  const qr = await QRCode.toBuffer(c.verify_url, { errorCorrectionLevel: 'M', margin: 1, width: 360 });
  const doc = new PDFDocument({ size: 'A4', margin: 64, info: { Title: `志愿时长证明 ${c.serial}`, Author: organisation } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  doc.registerFont('cjk', cjkFontPath, cjkFontFace);
  doc.font('cjk');
  doc.fontSize(30).text('志愿时长证明', { align: 'center' });
  doc.moveDown(1.5);
  doc.fontSize(16).text(
    `兹证明 ${c.name} 于 ${dateZh(c.period_from)} 至 ${dateZh(c.period_to)} 期间，参加${organisation}组织的反诈宣传志愿服务活动 ${c.events} 场，累计服务时长 ${c.hours} 小时。`,
    { lineGap: 8 },
  );
  doc.moveDown(1);
  doc.text('特此证明。');
  doc.moveDown(2);
  doc.text(organisation, { align: 'right' });
  doc.text(dateZh(c.issued_at), { align: 'right' });

  const qrSize = 120;
  const top = 560;
  doc.image(qr, doc.page.margins.left, top, { width: qrSize, height: qrSize, link: c.verify_url });
  doc.fontSize(12).text(`证明编号：${c.serial}`, doc.page.margins.left + qrSize + 20, top + 10);
  doc.text('扫描二维码或打开下面的网址，可核验本证明（只显示部分姓名、期间、时长和场次）：', { width: 300 });
  doc.fillColor('#1a4fa0').text(c.verify_url, { width: 300, link: c.verify_url, underline: true });
  doc.end();
  return done;
}

export function certificatePdf(organisation: string): Task {
  return async (payload, helpers) => {
    const serial = (payload as { serial?: unknown })?.serial;
    if (typeof serial !== 'string') throw new Error('certificate_pdf: payload without a serial');
    const { rows } = await helpers.query<{ c: (CertificateData & { has_pdf: boolean }) | null }>(
      'select xinghuo.certificate_for_pdf($1) as c', [serial]);
    const data = rows[0]?.c;
    // Withdrawn meanwhile (record deleted), or made by an earlier attempt: nothing to do.
    if (!data || data.has_pdf) return;
    const pdf = await renderCertificate(data, organisation);
    await helpers.query('select xinghuo.store_certificate_pdf($1, $2)', [serial, pdf]);
    helpers.logger.info(`certificate_pdf: stored ${pdf.length} bytes`);
  };
}
