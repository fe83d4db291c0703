// The slice of pdfkit's API the certificate uses (the package ships no types; @types/pdfkit lags
// its releases). Extend it when the certificate uses more.
declare module 'pdfkit' {
  interface TextOptions {
    align?: 'left' | 'center' | 'right' | 'justify';
    width?: number;
    lineGap?: number;
    link?: string;
    underline?: boolean;
  }
  export default class PDFDocument {
    constructor(options?: { size?: string; margin?: number; info?: Record<string, string> });
    page: { margins: { left: number; right: number; top: number; bottom: number } };
    on(event: 'data', listener: (chunk: Buffer) => void): this;
    on(event: 'end', listener: () => void): this;
    registerFont(name: string, path: string, family?: string): this;
    font(name: string): this;
    fontSize(size: number): this;
    fillColor(color: string): this;
    moveDown(lines?: number): this;
    text(text: string, options?: TextOptions): this;
    text(text: string, x: number, y: number, options?: TextOptions): this;
    image(src: Buffer, x: number, y: number, options?: { width?: number; height?: number; link?: string }): this;
    end(): void;
  }
}
