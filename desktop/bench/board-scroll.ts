// Frame times while scrolling the leads board: its columns sideways (a ten-stage pipeline is wider
// than the window), then each column's cards down and back up. One scroll step per animation frame;
// a frame's time is the interval between frames, as for the table.
import type { Page } from 'playwright-core';

export type BoardScrollRun = {
  frames: number[];
  /** How far the board scrolls sideways and the tallest column's cards scroll down (px). */
  sideways: number;
  down: number;
  columns: number;
};

export async function measureBoardScroll(page: Page): Promise<BoardScrollRun> {
  return page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
    const board = document.querySelector('[data-testid=board]') as HTMLElement;
    const frames: number[] = [];
    let last = performance.now();
    const tick = async () => {
      await frame();
      const now = performance.now();
      frames.push(now - last);
      last = now;
    };
    board.scrollLeft = 0;
    await frame();
    last = performance.now();
    const sideways = board.scrollWidth - board.clientWidth;
    // Sideways: across and back in 60 frames.
    for (let i = 0; i < 60; i++) {
      board.scrollLeft = (sideways * (i < 30 ? i + 1 : 59 - i)) / 30;
      await tick();
    }
    // Down each column's cards and back up: 12 frames a column.
    const lists = [...board.querySelectorAll<HTMLElement>('.cards')];
    let down = 0;
    for (const list of lists) {
      list.scrollIntoView({ inline: 'nearest', block: 'nearest' });
      const range = list.scrollHeight - list.clientHeight;
      down = Math.max(down, range);
      for (let i = 0; i < 12; i++) {
        list.scrollTop = (range * (i < 6 ? i + 1 : 11 - i)) / 6;
        await tick();
      }
    }
    board.scrollLeft = 0;
    return { frames, sideways, down, columns: lists.length };
  });
}
