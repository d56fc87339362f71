import { z } from 'zod';

/**
 * Tags as AWS validates them (https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html, "Tag naming
 * limits and requirements"): at most 50 user tags per resource; keys of 1 to 128 and values of 0 to 256 Unicode
 * characters; letters, numbers and spaces, and `_ . : / = + - @`; the `aws:` prefix reserved for AWS in any case.
 * IAM also treats keys that differ only in case as the same key (roles get these tags too):
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html.
 */
export const TAG_RULES = { maxTags: 50, maxKey: 128, maxValue: 256 } as const;

/** The tag every stack adds itself (its stack id), on every resource. */
export const STACK_TAG_KEY = 'Stack';

const ALLOWED = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const ALLOWED_TEXT = 'letters, digits, spaces and _ . : / = + - @';
/** Unicode characters, as AWS counts them (not UTF-16 code units). */
const characters = (text: string) => [...text].length;

/** Config key `tags`: the user's tags, checked with the Stack tag counted in. */
export const tagsSchema = z.record(z.string(), z.string()).superRefine((tags, ctx) => {
  const problem = (key: string | undefined, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: key === undefined ? [] : [key], message });
  const keys = Object.keys(tags);
  if (keys.length + 1 > TAG_RULES.maxTags) {
    problem(undefined, `${keys.length} tags, but every stack adds its own ${STACK_TAG_KEY} tag and AWS allows ${TAG_RULES.maxTags} per resource: give at most ${TAG_RULES.maxTags - 1}`);
  }
  const seen = new Map<string, string>();
  for (const [key, value] of Object.entries(tags)) {
    const length = characters(key);
    if (length < 1 || length > TAG_RULES.maxKey) problem(key, `the key has ${length} characters; AWS allows 1 to ${TAG_RULES.maxKey}`);
    if (!ALLOWED.test(key)) problem(key, `the key may hold only ${ALLOWED_TEXT}`);
    if (key.toLowerCase().startsWith('aws:')) problem(key, "keys starting with 'aws:' (in any case) are reserved for AWS; choose another key");
    if (key.toLowerCase() === STACK_TAG_KEY.toLowerCase()) problem(key, `every stack sets the ${STACK_TAG_KEY} tag itself (its stack id); use another key`);
    const twin = seen.get(key.toLowerCase());
    if (twin !== undefined) problem(key, `'${twin}' and '${key}' differ only in case, which IAM refuses on a role; keep one`);
    seen.set(key.toLowerCase(), key);
    if (characters(value) > TAG_RULES.maxValue) problem(key, `the value has ${characters(value)} characters; AWS allows at most ${TAG_RULES.maxValue}`);
    if (!ALLOWED.test(value)) problem(key, `the value may hold only ${ALLOWED_TEXT}`);
  }
});
