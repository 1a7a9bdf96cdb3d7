/**
 * The Material theme's colours, for charts that follow light and dark mode. The theme's variables
 * may hold expressions a canvas cannot parse (light-dark(), var()), so each is resolved to rgb
 * through an element's computed colour.
 */
export function themeColors(element: HTMLElement) {
  const probe = element.ownerDocument.createElement('span');
  probe.style.display = 'none';
  element.parentElement?.appendChild(probe);
  const read = (name: string, fallback: string) => {
    probe.style.color = fallback;
    probe.style.color = `var(${name}, ${fallback})`;
    return getComputedStyle(probe).color || fallback;
  };
  const colors = {
    primary: read('--mat-sys-primary', '#3f51b5'),
    primaryContainer: read('--mat-sys-primary-fixed-dim', '#c5cae9'),
    error: read('--mat-sys-error', '#b3261e'),
    text: read('--mat-sys-on-surface', '#1c1b1f'),
    muted: read('--mat-sys-on-surface-variant', '#49454f'),
    grid: read('--mat-sys-outline-variant', '#cac4d0'),
  };
  probe.remove();
  return colors;
}
