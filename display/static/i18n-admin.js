// The texts of the secretariat's pages. Swedish first; i18n.js merges these.

import { en } from "./i18n-admin-en.js";
import { sv } from "./i18n-admin-sv.js";

export const ADMIN_CATALOGUES = { sv, en };
