import { expressCost, lineUsd, MILLION, standardCost, totalUsd, type CostLine, type Prices } from './cost';
import { formatCount, formatMs, formatUsd } from './stats';
import type { Table } from './table';
import { allFunctionProfiles, factsOf } from '../stack-facts';
import { LAMBDA_INVOKE_OVERHEAD_MS, SERVICE_TASK_MS, type CountedUsage } from './usage';

/** One workflow priced: its label and what one execution used (counted from a local run). */
export interface CostRow {
  readonly label: string;
  readonly stackId: string;
  readonly counted: CountedUsage;
}

/** Express executions end after five minutes. */
export const EXPRESS_MAX_MS = 300_000;
/** Assumed Express memory: the minimum billed chunk (small definitions and payloads). */
export const EXPRESS_MEMORY_MB = 64;

const SERVICE_ITEMS: readonly CostLine['item'][] = ['Lambda requests', 'Lambda duration', 'DynamoDB', 'S3', 'SNS', 'API Gateway'];

const perMillion = (usd: number) => formatUsd(usd * MILLION);

function largest(lines: readonly CostLine[]): string {
  const top = [...lines].sort((a, b) => b.usd - a.usd)[0];
  const total = totalUsd(lines);
  return top && total > 0 ? `${top.item} (${Math.round((top.usd / total) * 100)} %)` : '–';
}

/** Per workflow: one million executions as a Standard workflow, by service, and the largest line. */
export function standardTable(rows: readonly CostRow[], prices: Prices): Table {
  return {
    title: 'Cost of one million executions (Standard workflows, us-east-1 list prices)',
    columns: ['workflow', 'transitions / exec', 'Step Functions', 'Lambda', 'DynamoDB', 'S3', 'SNS', 'API Gateway', 'total', 'largest'],
    align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    rows: rows.map((row) => {
      const lines = standardCost(row.counted.usage, prices);
      const lambda = lineUsd(lines, 'Lambda requests') + lineUsd(lines, 'Lambda duration');
      return [
        row.label,
        formatCount(row.counted.usage.transitions),
        perMillion(lineUsd(lines, 'Step Functions')),
        perMillion(lambda),
        perMillion(lineUsd(lines, 'DynamoDB')),
        perMillion(lineUsd(lines, 'S3')),
        perMillion(lineUsd(lines, 'SNS')),
        perMillion(lineUsd(lines, 'API Gateway')),
        perMillion(totalUsd(lines)),
        largest(lines),
      ];
    }),
    notes: [
      `Prices: docs/prices.json (${prices.region} list prices of ${prices.asOf}, not re-checked since: they may have changed); first tier, free tiers ignored. Step Functions: transitions × ${formatUsd(prices.stepFunctions.standardPerStateTransition * 1000)} per 1,000.`,
      'Transitions, Lambda invocations and the workflow’s own DynamoDB/SNS/S3 calls are counted from the local runs above (every state entered; Task resources). The calls a function makes itself, and its billed duration, are stated (table below). DynamoDB: on-demand, 1 WRU per write under 1 KB, strongly consistent reads at 1 RRU per 4 KB.',
      'task-status includes its starter Lambda (one invocation per execution) besides its ValidateInput function; skip-the-line includes the order API’s POST (one REST request). Not included: CloudWatch Logs ingestion, X-Ray traces, data transfer, storage, e-mail deliveries.',
    ],
  };
}

/** Per workflow: the same executions as an Express workflow, with the assumed duration, and the saving. */
export function expressTable(rows: readonly CostRow[], prices: Prices): Table {
  return {
    title: 'Express instead of Standard (one million executions)',
    columns: ['workflow', 'assumed duration (billed)', 'Standard: workflow / total', 'Express: workflow / total', 'Express saves', 'caveat'],
    align: ['left', 'right', 'right', 'right', 'right', 'left'],
    rows: rows.map((row) => {
      const standard = standardCost(row.counted.usage, prices);
      const durationMs = row.counted.sequentialMs;
      const billedMs = Math.ceil(durationMs / prices.stepFunctions.expressBillingIncrementMs) * prices.stepFunctions.expressBillingIncrementMs;
      const duration = `${formatMs(durationMs)} (${formatMs(billedMs)})`;
      const caveat = factsOf(row.stackId)?.expressCaveat ?? '';
      const standardCells = `${perMillion(lineUsd(standard, 'Step Functions'))} / ${perMillion(totalUsd(standard))}`;
      if (durationMs > EXPRESS_MAX_MS) return [row.label, duration, standardCells, 'not possible: over 5 min', '–', caveat];
      const express = expressCost(row.counted.usage, prices, durationMs, EXPRESS_MEMORY_MB);
      const saving = totalUsd(standard) - totalUsd(express);
      const share = totalUsd(standard) > 0 ? Math.round((saving / totalUsd(standard)) * 100) : 0;
      return [
        row.label,
        duration,
        standardCells,
        `${perMillion(lineUsd(express, 'Step Functions'))} / ${perMillion(totalUsd(express))}`,
        saving > 0 ? `${perMillion(saving)} (${share} %)` : `none (${perMillion(-saving)} more)`,
        caveat,
      ];
    }),
    notes: [
      `Express: ${formatUsd(prices.stepFunctions.expressPerRequest * MILLION)} per million requests + ${formatUsd(prices.stepFunctions.expressPerGbSecond)} per GB-second, duration rounded up to ${prices.stepFunctions.expressBillingIncrementMs} ms, memory assumed ${EXPRESS_MEMORY_MB} MB (the minimum chunk; the definitions and payloads are small).`,
      `Assumed duration on AWS: the states of the local run one after another, each Wait at its configured seconds, each direct service Task ${SERVICE_TASK_MS} ms, each Lambda Task the function's stated duration + ${LAMBDA_INVOKE_OVERHEAD_MS} ms (a Map at maxConcurrency 1 runs its items one after another). An assumption, not a measurement.`,
      `The services (${SERVICE_ITEMS.join(', ')}) cost the same either way.`,
    ],
  };
}

/** Per workflow and query language: transitions and the price of one million sample executions (Standard). */
export function languagesTable(usages: readonly { stackId: string; queryLanguage: string; counted: CountedUsage }[], prices: Prices): Table {
  return {
    title: 'JSONPath and JSONata renderings (config queryLanguage): one million sample executions, Standard workflows',
    columns: ['workflow', 'query language', 'transitions / exec', 'Lambda invocations / exec', 'Step Functions', 'total'],
    align: ['left', 'left', 'right', 'right', 'right', 'right'],
    rows: usages.map((u) => {
      const lines = standardCost(u.counted.usage, prices);
      const invocations = u.counted.usage.lambda.reduce((sum, l) => sum + l.invocations, 0);
      return [u.stackId, u.queryLanguage, formatCount(u.counted.usage.transitions), formatCount(invocations), perMillion(lineUsd(lines, 'Step Functions')), perMillion(totalUsd(lines))];
    }),
    notes: [
      "Each stack's bench sample run once on an app synthesized in each language. The renderings differ off the sample path: skip-the-line's JSONata failure paths are one transition shorter (no Pass state records what happened to the data; the catchers' Output does): the withdrawn row (the invoice fails after its retries, injected) shows one. task-status keeps its ValidateInput function in JSONata (its error document is the execution's cause), so the Lambda figures are the same.",
    ],
  };
}

/** The stated per-invocation figures the cost model uses for each function. */
export function functionProfilesTable(memoryByFunction: ReadonlyMap<string, number>): Table {
  return {
    title: 'Functions in the cost model (stated, not measured)',
    columns: ['function (name ends with)', 'memory', 'billed duration / invocation', 'calls it makes'],
    align: ['left', 'right', 'right', 'left'],
    rows: allFunctionProfiles().map((p) => {
      const memory = [...memoryByFunction].find(([name]) => name.endsWith(p.suffix))?.[1];
      return [p.suffix, memory === undefined ? '–' : `${memory} MB`, `${p.durationMs} ms`, p.why];
    }),
    notes: ['Memory as configured in the synthesized stacks (arm64). Durations are assumptions for a warm invocation on AWS; the local runner’s durations are against local emulators and say nothing about AWS.'],
  };
}
