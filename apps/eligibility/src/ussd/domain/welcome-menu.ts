/**
 * The first screen of the RBF tool. The menus behind it (check, register, confirm) come with the
 * eligibility issue; this is the skeleton's answer to any input.
 */
export const WELCOME_MENU_EN = [
  'Welcome to the RBF solar incentive tool',
  '1. Check eligibility',
  '2. Register a sale',
  '3. Confirm a sale',
].join('\n');

/** Africa's Talking: "CON " keeps the session open, "END " closes it. */
export function africasTalkingReply(text: string, end = false): string {
  return `${end ? 'END' : 'CON'} ${text}`;
}
