import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { BUNDLE_OPTIONS, HANDLER_ENTRIES, PROJECT_ROOT, type HandlerName } from '../bundling.ts';
import type { RegistryBundle } from '../registry-bundle.ts';
import { resolve } from 'node:path';

export interface WardfeedFunctionProps {
  handler: HandlerName;
  description: string;
  memorySize: number;
  timeout: Duration;
  logRetention: logs.RetentionDays;
  registry: RegistryBundle;
  environment?: Record<string, string>;
  reservedConcurrency?: number;
}

/**
 * One handler: arm64, Node.js 22, bundled with the local esbuild, the registry copied next to
 * the code, its own log group with a retention, and its own role that starts with nothing but
 * the right to write to that log group (no AWSLambdaBasicExecutionRole: that one may write to
 * every log group of the account).
 */
export class WardfeedFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: WardfeedFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      // Logs are operational data; they go with the stack.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `wardfeed ${props.handler}: its log group and what the stack grants, nothing else`,
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    this.fn = new NodejsFunction(this, 'Function', {
      entry: resolve(PROJECT_ROOT, HANDLER_ENTRIES[props.handler]),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: resolve(PROJECT_ROOT, 'package-lock.json'),
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      ...(props.reservedConcurrency !== undefined ? { reservedConcurrentExecutions: props.reservedConcurrency } : {}),
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      environment: {
        ...props.registry.environment,
        ...props.environment,
      },
      bundling: {
        forceDockerBundling: false,
        target: BUNDLE_OPTIONS.target,
        format: OutputFormat.ESM,
        minify: BUNDLE_OPTIONS.minify,
        sourceMap: BUNDLE_OPTIONS.sourcemap,
        externalModules: [...BUNDLE_OPTIONS.external],
        mainFields: [...BUNDLE_OPTIONS.mainFields],
        banner: BUNDLE_OPTIONS.banner,
        esbuildArgs: Object.fromEntries(Object.entries(BUNDLE_OPTIONS.alias).map(([from, to]) => [`--alias:${from}`, to])),
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (_inputDir: string, outputDir: string) => props.registry.copyCommands(outputDir),
        },
      },
    });
    // The role exists before the function; make sure the log grant is in place before the first invocation.
    this.fn.node.addDependency(this.role);
  }

  /** The articles table: its name in the environment and the grant for it, always together. */
  bindTable(table: dynamodb.ITable, mode: 'read' | 'read-write'): void {
    this.fn.addEnvironment('TABLE_NAME', table.tableName);
    if (mode === 'read') table.grantReadData(this.role);
    else table.grantReadWriteData(this.role);
  }
}
