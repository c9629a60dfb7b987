import { allow, PolicyContext, PolicyParts } from './context';
import { PermissionStatement, sortedUnique } from './policy-document';
import { Block, literal } from '../stack-json';

/**
 * DynamoDB tables and Systems Manager documents, scoped to the ones the stacks name, and the Systems
 * Manager parameters plan reads: those `aws_ssm_parameter` data sources name and those a launch
 * template or instance resolves its image from (`resolve:ssm:`).
 */
export function namedResourceStatements(context: PolicyContext): PolicyParts {
  const { partition } = context;
  const account = context.config.accountId;
  const plan: PermissionStatement[] = [];
  const apply: PermissionStatement[] = [];

  const tables = context.resources.filter((resource) => resource.type === 'aws_dynamodb_table');
  if (tables.length > 0) {
    const arns = tables.map((table) => `arn:${partition}:dynamodb:${table.region}:${account}:table/${literal(table.values.name) ?? `${context.namePrefix}*`}`);
    plan.push(allow('Tables', ['dynamodb:Describe*', 'dynamodb:ListTagsOfResource'], arns));
    apply.push(allow('Tables', ['dynamodb:*'], arns));
  }

  const documents = context.resources.filter((resource) => resource.type === 'aws_ssm_document');
  if (documents.length > 0) {
    const arns = documents.map((document) => `arn:${partition}:ssm:${document.region}:${account}:document/${literal(document.values.name) ?? `${context.namePrefix}*`}`);
    plan.push(allow('Documents', ['ssm:DescribeDocument*', 'ssm:GetDocument', 'ssm:ListTagsForResource'], arns));
    // Commands and sessions also need an instance as their resource: none is granted.
    apply.push(allow('Documents', ['ssm:*'], arns));
  }

  const parameters = [
    ...context.dataSources.filter((source) => source.type === 'aws_ssm_parameter').map((source) => parameterArn(context, source, source.values.name)),
    ...context.resources
      .map((resource) => ({ resource, image: resource.type === 'aws_launch_template' ? resource.values.image_id : resource.type === 'aws_instance' ? resource.values.ami : undefined }))
      .filter(({ image }) => typeof image === 'string' && image.startsWith('resolve:ssm:'))
      .map(({ resource, image }) => parameterArn(context, resource, (image as string).slice('resolve:ssm:'.length))),
  ];
  if (parameters.length > 0) plan.push(allow('Parameters', ['ssm:GetParameter', 'ssm:GetParameters'], sortedUnique(parameters)));
  return { plan, apply };
}

function parameterArn(context: PolicyContext, block: Block, name: unknown): string {
  const parameter = literal(name);
  if (parameter === undefined) return `arn:${context.partition}:ssm:${block.region}:${context.config.accountId}:parameter/${context.namePrefix}*`;
  const path = parameter.startsWith('/') ? parameter : `/${parameter}`;
  // AWS's public parameters (/aws/service/...) belong to no account of yours.
  const account = path.startsWith('/aws/') ? '*' : context.config.accountId;
  return `arn:${context.partition}:ssm:${block.region}:${account}:parameter${path}`;
}
