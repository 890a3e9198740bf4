import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Entity } from '#domain/entities.ts';
import type { CreditRecord } from '#domain/records.ts';
import { dynamo, tableName } from './client.ts';
import { keys, SUBJECT_STATE_UPPER_BOUND } from './keys.ts';
import { entityFromItem, recordFromItem } from './subjects.ts';

/** One page of the population Scan: subjects' profiles, links and records only (the bench baseline issues the same). */
export const populationScan = (segment: number, segments: number, ExclusiveStartKey?: Record<string, unknown>) =>
  new ScanCommand({
    TableName: tableName,
    Segment: segment,
    TotalSegments: segments,
    FilterExpression: 'begins_with(PK, :subj) AND SK < :upper',
    ExpressionAttributeValues: { ':subj': keys.subjectPartitionPrefix, ':upper': SUBJECT_STATE_UPPER_BOUND },
    ExclusiveStartKey,
  });

/**
 * Streams every subject with its records in one pass: a parallel Scan whose segments split by
 * partition, so a subject's profile and records arrive together and in order. Only one subject per
 * segment is held in memory at a time.
 */
export async function streamSubjects(
  onSubject: (entity: Entity, records: CreditRecord[]) => void,
  segments = 4,
): Promise<{ scanned: number }> {
  let scanned = 0;
  await Promise.all(
    Array.from({ length: segments }, async (_, segment) => {
      let currentPk: string | undefined;
      let entity: Entity | undefined;
      let records: CreditRecord[] = [];
      const flush = () => {
        if (entity) onSubject(entity, records);
        entity = undefined;
        records = [];
      };
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await dynamo.send(populationScan(segment, segments, ExclusiveStartKey));
        for (const item of page.Items ?? []) {
          scanned++;
          const pk = String(item.PK);
          if (pk !== currentPk) {
            flush();
            currentPk = pk;
          }
          const sk = String(item.SK);
          if (sk === keys.profileSk) entity = entityFromItem(item);
          else if (sk.startsWith(keys.listingPrefix) || sk.startsWith(keys.recordPrefix)) records.push(recordFromItem(item));
        }
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      flush();
    }),
  );
  return { scanned };
}
