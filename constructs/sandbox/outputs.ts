import { OutputNames } from '../tier-outputs';

/** What the `<env>-sandbox` stack tells its operator (`terraform output`). */
export interface SandboxOutputs {
  readonly webPublicIp: string;
  readonly webUrl: string;
  readonly webInstanceId: string;
  readonly databasePrivateIp: string;
  readonly databaseName: string;
  readonly databaseInstanceId: string;
}

/** Output names of the `<env>-sandbox` stack. */
export const SANDBOX_OUTPUT_NAMES: OutputNames<SandboxOutputs> = {
  webPublicIp: 'web_public_ip',
  webUrl: 'web_url',
  webInstanceId: 'web_instance_id',
  databasePrivateIp: 'db_private_ip',
  databaseName: 'db_name',
  databaseInstanceId: 'db_instance_id',
};

/** What each output is. */
export const SANDBOX_OUTPUT_DESCRIPTIONS: { readonly [K in keyof SandboxOutputs]: string } = {
  webPublicIp: 'Elastic IP of the web server: stays the same across stop and start.',
  webUrl: 'The web server over HTTP on its Elastic IP.',
  webInstanceId: 'Instance id of the web server (aws ssm start-session --target <id>).',
  databasePrivateIp: 'Private address of the database server (MariaDB on 3306, from the web server only).',
  databaseName: 'Private DNS name of the database server, resolvable inside the sandbox VPC.',
  databaseInstanceId: 'Instance id of the database server (aws ssm start-session --target <id>).',
};
