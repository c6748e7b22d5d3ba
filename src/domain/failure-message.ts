/** An entered personnummer on screen: the last four characters hidden, like a valid one. */
export function maskEntered(value: string): string {
  return value.length > 4 ? `${value.slice(0, -4)}****` : '****';
}
