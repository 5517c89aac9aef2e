// The texts of the four screens: the delegate's tablet, the chair's console,
// the chamber display and the public results screen. Swedish first.
// i18n.js merges these into its catalogues.

import { en } from "./i18n-screens-en.js";
import { sv } from "./i18n-screens-sv.js";

export const SCREEN_CATALOGUES = { sv, en };
