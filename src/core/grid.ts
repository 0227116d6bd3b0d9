/**
 * Breadth-first over a grid `width` cells wide and `size` cells in all, from `seeds` to the cells
 * 4-connected to them that `enter` admits. `enter` is asked once per seed and per neighbour of a
 * reached cell, and must remember what it admits (mark it), so no cell is entered twice. Returns
 * the cells reached, seeds first.
 */
export function flood4(width: number, size: number, seeds: readonly number[], enter: (cell: number) => boolean): number[] {
  const reached = seeds.filter(enter);
  for (let k = 0; k < reached.length; k++) {
    const at = reached[k]!;
    const x = at % width;
    if (x > 0 && enter(at - 1)) reached.push(at - 1);
    if (x < width - 1 && enter(at + 1)) reached.push(at + 1);
    if (at >= width && enter(at - width)) reached.push(at - width);
    if (at + width < size && enter(at + width)) reached.push(at + width);
  }
  return reached;
}
