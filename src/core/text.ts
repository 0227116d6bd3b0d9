/** A piece of text in Chinese and English. Rules files carry these for names and notes. */
export interface Text {
  zh: string;
  en: string;
}
