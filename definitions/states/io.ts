import { assertPath } from '../json-path';
import { renderPayload, type Payload } from '../payload';

/** Input and output processing fields; each state kind accepts the subset ASL allows it. */
export interface InputOutputProps {
  /** Selects the part of the input the state works on. @default '$' */
  readonly inputPath?: string;
  /** Selects the part of the state output passed on. @default '$' */
  readonly outputPath?: string;
}

export interface ResultProps extends InputOutputProps {
  /** Where the result goes in the input; `null` discards the result and passes the input on. @default '$' */
  readonly resultPath?: string | null;
}

/** Renders InputPath / Parameters / ResultSelector / ResultPath / OutputPath in ASL's reading order. */
export function renderIo(
  owner: string,
  props: ResultProps & { parameters?: Payload; resultSelector?: Payload },
  parametersKey: 'Parameters' | 'ItemSelector' = 'Parameters',
): Record<string, unknown> {
  const where = `State '${owner}'`;
  const out: Record<string, unknown> = {};
  if (props.inputPath !== undefined) out.InputPath = assertPath(props.inputPath, `${where} inputPath`);
  if (props.parameters !== undefined) out[parametersKey] = renderPayload(props.parameters, `${where} ${parametersKey}`);
  if (props.resultSelector !== undefined) out.ResultSelector = renderPayload(props.resultSelector, `${where} ResultSelector`);
  if (props.resultPath !== undefined) {
    out.ResultPath = props.resultPath === null ? null : assertPath(props.resultPath, `${where} resultPath`);
  }
  if (props.outputPath !== undefined) out.OutputPath = assertPath(props.outputPath, `${where} outputPath`);
  return out;
}
