// Progressive enhancement only: every page and form works without this file.
import { initAll as initGovuk } from '/lib/govuk/govuk-frontend.min.js';
import { initAll as initMoj } from '/lib/moj/moj-frontend.min.js';

initGovuk();
initMoj();
