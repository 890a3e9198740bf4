// The 404 page: only the footer's settings to fill in.
import { siteFooter } from './common.js';

void siteFooter();
