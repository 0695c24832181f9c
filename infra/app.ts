/**
 * CDK entry point (`cdk.json`: `npx tsx infra/app.ts`).
 *
 *   npx cdk deploy -c registry=path/to/registry.json -c schedule="rate(1 hour)" -c alarmEmail=ops@example.org
 *
 * The stack is environment-agnostic: account and region come from the deploying credentials.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { parseRegistry } from '../lib/registry/index.ts';
import { WardfeedStack, stackPropsFromContext } from './wardfeed-stack.ts';

const app = new App();
new WardfeedStack(app, String(app.node.tryGetContext('stackName') ?? 'Wardfeed'), {
  ...stackPropsFromContext(app.node),
  validateRegistry: (data, file) => parseRegistry(data, file),
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
