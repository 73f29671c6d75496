// Starts GOV.UK Frontend's components (error summary focus, service navigation menu, ...).
// A module, so browsers too old for GOV.UK Frontend's ES module skip it and get the
// no-JavaScript versions of the components. The relative import keeps it on our own origin.
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();
