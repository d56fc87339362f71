import { assertPath } from '../json-path';
import { JsonataExpression } from '../jsonata';
import { renderJsonata } from '../jsonata-render';
import { nonNegativeInteger } from './error-handling';
import { renderIo, type InputOutputProps } from './io';
import { NextableState, type AslGraph, type AslState, type QueryLanguage, type RenderContext, type StateProps } from './state';

/** The longest wait ASL allows: one year. */
const MAX_WAIT_SECONDS = 31_536_000;

/** How long a Wait state waits. */
export class WaitTime {
  private constructor(private readonly field: Record<string, string | number | JsonataExpression>) {}

  /** A fixed number of seconds (0 to one year). */
  static seconds(seconds: number): WaitTime {
    nonNegativeInteger(seconds, 'WaitTime.seconds', 0);
    if (seconds > MAX_WAIT_SECONDS) throw new Error(`WaitTime.seconds: ${seconds} is over the one-year limit (${MAX_WAIT_SECONDS}).`);
    return new WaitTime({ Seconds: seconds });
  }

  /** Seconds read from the input. */
  static secondsPath(path: string): WaitTime {
    return new WaitTime({ SecondsPath: assertPath(path, 'WaitTime.secondsPath') });
  }

  /** Until an ISO-8601 timestamp, e.g. `2026-01-01T00:00:00Z`. */
  static timestamp(timestamp: string): WaitTime {
    if (Number.isNaN(Date.parse(timestamp)) || !/^\d{4}-\d{2}-\d{2}T/.test(timestamp)) {
      throw new Error(`WaitTime.timestamp: '${timestamp}' is not an ISO-8601 timestamp such as 2026-01-01T00:00:00Z.`);
    }
    return new WaitTime({ Timestamp: timestamp });
  }

  /** JSONata: seconds from an expression, e.g. `jsonata('$states.input.delay')`. */
  static secondsExpression(expression: JsonataExpression): WaitTime {
    return new WaitTime({ Seconds: expression });
  }

  /** JSONata: until the timestamp an expression gives. */
  static timestampExpression(expression: JsonataExpression): WaitTime {
    return new WaitTime({ Timestamp: expression });
  }

  /** Until a timestamp read from the input. */
  static timestampPath(path: string): WaitTime {
    return new WaitTime({ TimestampPath: assertPath(path, 'WaitTime.timestampPath') });
  }

  /** @internal the field in `language`; `where` names the state for errors */
  render(language: QueryLanguage = 'JSONPath', where = 'WaitTime'): Record<string, unknown> {
    const [[key, value]] = Object.entries(this.field);
    if (language === 'JSONata') {
      if (key.endsWith('Path')) {
        throw new Error(`${where} waits with ${key}, a JSONPath-only field, but the state is evaluated as JSONata: use WaitTime.secondsExpression/timestampExpression(jsonata(...)).`);
      }
      return { [key]: value instanceof JsonataExpression ? renderJsonata(value, `${where} ${key}`, { inCatcher: false, resultHere: false }) : value };
    }
    if (value instanceof JsonataExpression) {
      throw new Error(`${where} waits on the JSONata expression '${value.expression}', but the state is evaluated as JSONPath: set queryLanguage: 'JSONata', or use WaitTime.secondsPath/timestampPath.`);
    }
    return { [key]: value };
  }
}

export interface WaitProps extends StateProps, InputOutputProps {
  readonly time: WaitTime;
}

export class Wait extends NextableState {
  readonly type = 'Wait';

  constructor(
    name: string,
    private readonly props: WaitProps,
  ) {
    super(name, props);
  }

  toAsl(_children: readonly AslGraph[], context: RenderContext): AslState {
    const language = this.languageIn(context);
    return {
      ...this.header(),
      ...renderIo(this, language, this.props),
      ...this.props.time.render(language, `State '${this.name}'`),
      ...this.transition(),
    };
  }
}
