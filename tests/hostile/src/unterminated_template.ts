function later(): void {
  moesif.track('Later', { 'before.template': 1 });
}
const label = `unterminated ${user.name} template
moesif.track('Swallowed', { 'inside.template': 1 });
