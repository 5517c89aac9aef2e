// Texts of the error codes the hub and the portal send, for the pages (see i18n.js).
// Swedish first; each says in plain words what happened and, where it helps, what to do.
// tests/test_catalogue.py checks that every code Ordet can send has both.

import { en } from "./i18n-errors-en.js";
import { sv } from "./i18n-errors-sv.js";

export const ERROR_CATALOGUES = { sv, en };
