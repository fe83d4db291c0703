// Shared wording of the case library's pages.
export const libraryIntro =
  '每篇文章讲一个由多个真实案例综合改编的故事：骗子怎么说、怎么做，哪些信号要警惕，遇到了该怎么办。';
