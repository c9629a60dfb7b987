import { blocks, isTrue, ofType, verdict } from '../../resources';
import { PolicyRule } from '../../types';

/** Every DynamoDB table has point-in-time recovery. */
export const dynamodbPitr: PolicyRule = {
  id: 'DYNAMODB-PITR',
  pack: 'storage',
  title: 'Every DynamoDB table has point-in-time recovery.',
  explanation: 'Without PITR a bad write or a deleted item cannot be undone; for the lock table, what happened to a lock cannot be inspected afterwards.',
  fix: 'Set point_in_time_recovery { enabled = true } on the table.',
  check: ({ resources }) =>
    ofType(resources, 'aws_dynamodb_table').map((table) =>
      verdict(table, !blocks(table.values.point_in_time_recovery).some((pitr) => isTrue(pitr.enabled)) && 'has no point-in-time recovery'),
    ),
};
