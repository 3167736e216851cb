/* The host page's own script for the scroll-driven story demo: when a step's
 * section reaches the middle of the window, the card goes to that step
 * through the element's API (element.set({ step })). When the reader uses
 * the card's own buttons instead, the card's `who-backs-whom:step` event
 * marks the matching section. Nothing else: the card does the rest. */
const card = document.querySelector('who-backs-whom[story]');
const sections = [...document.querySelectorAll('[data-step]')];

function mark(step) {
  for (const section of sections) {
    if (Number(section.dataset.step) === step) section.setAttribute('aria-current', 'step');
    else section.removeAttribute('aria-current');
  }
}

if (card && 'IntersectionObserver' in window) {
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const step = Number(entry.target.dataset.step);
      mark(step);
      card.set({ step });
    }
  }, { rootMargin: '-45% 0px -45% 0px' });
  sections.forEach((section) => observer.observe(section));
  card.addEventListener('who-backs-whom:step', (event) => {
    if (event.detail && typeof event.detail.step === 'number') mark(event.detail.step);
  });
}
