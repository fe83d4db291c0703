// Shared wording of the case library's pages.
export const libraryIntro =
  '真实案例改编：骗子怎么说、怎么做，遇到了怎么办。';
