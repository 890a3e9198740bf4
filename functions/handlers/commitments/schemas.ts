import { z } from 'zod';

export const commitmentCodeParam = z.string().regex(/^\d{20}$/, 'is not a commitment code (region + YYYYMMDD + 6-digit serial)');
