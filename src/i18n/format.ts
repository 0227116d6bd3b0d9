/** Numbers as both tables write them: sizes, pixels, colours and shares look the same in every tongue. */

/** 42190 → "41.2 KB" (1 KB = 1024 bytes, as the spec counts). */
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** 40960 → "40,960" (toLocaleString is slow enough to show up in a batch profile). */
export const grouped = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export const px = (value: number): string => `${Math.round(value)} px`;

export const rgb = ([r, g, b]: readonly number[]): string => `RGB(${r},${g},${b})`;

/** 0.904 → "90%". */
export const percent = (share: number): string => `${Math.round(share * 100)}%`;

/** A range of pixels, "179–255 px". */
export const pxRange = ({ min, max }: { min: number; max: number }): string => `${min}–${max} px`;
