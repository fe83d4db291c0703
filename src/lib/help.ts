// The "already scammed: what now" page is linked from every page (strip, footer, hotline boxes),
// so its address is written once.
export const helpPath = '/help/';
export const helpTitle = '已经被骗了怎么办';
