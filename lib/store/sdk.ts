/**
 * The AWS SDK's DynamoDB classes, loaded as the CommonJS packages they are. Importing them from an
 * ES module makes Node lex every CommonJS file for its export names first: about 70 ms of the feed
 * function's cold start (`bench/bundles.ts`). `require` skips that, and in Lambda it finds the
 * runtime's own SDK through `NODE_PATH` as well.
 */
import { createRequire } from 'node:module';
import type * as DynamoDB from '@aws-sdk/client-dynamodb';
import type * as DocumentClient from '@aws-sdk/lib-dynamodb';

const requireCjs = createRequire(import.meta.url);

export const { CreateTableCommand, DescribeTableCommand, DynamoDBClient } =
  requireCjs('@aws-sdk/client-dynamodb') as typeof DynamoDB;
export const { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } =
  requireCjs('@aws-sdk/lib-dynamodb') as typeof DocumentClient;

export type DynamoDBClient = DynamoDB.DynamoDBClient;
export type DynamoDBDocumentClient = DocumentClient.DynamoDBDocumentClient;
export type { CreateTableCommandInput, TableDescription } from '@aws-sdk/client-dynamodb';
export type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
