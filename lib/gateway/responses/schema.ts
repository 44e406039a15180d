import * as z from 'zod/mini';
import { ProviderPreferences } from '../openai-schema';
import { REASONING_EFFORTS } from '../reasoning';

/**
 * The OpenAI Responses API request as Switchyard serves it on top of any provider
 * (https://platform.openai.com/docs/api-reference/responses/create): text and image input,
 * function tools and their outputs, reasoning items handed back, JSON output. Hosted tools
 * (web search, file search…) and stored conversations are OpenAI's own and are refused by name.
 */

const InputText = z.object({ type: z.literal('input_text'), text: z.string() });
const InputImage = z.object({
  type: z.literal('input_image'),
  image_url: z.nullish(z.string()),
  file_id: z.nullish(z.string()),
  detail: z.optional(z.enum(['auto', 'low', 'high'])),
});
/** A document: its bytes as a data URL (file_data, or bare base64 with a filename), or a URL to fetch. */
const InputFile = z.looseObject({
  type: z.literal('input_file'),
  file_data: z.nullish(z.string()),
  file_url: z.nullish(z.string()),
  file_id: z.nullish(z.string()),
  filename: z.nullish(z.string()),
});
const OutputText = z.looseObject({ type: z.literal('output_text'), text: z.string() });
const Refusal = z.object({ type: z.literal('refusal'), refusal: z.string() });
const ContentPart = z.discriminatedUnion('type', [InputText, InputImage, InputFile, OutputText, Refusal]);
export type ResponsesContentPart = z.infer<typeof ContentPart>;

const MessageItem = z.looseObject({
  type: z.optional(z.literal('message')),
  role: z.enum(['user', 'assistant', 'system', 'developer']),
  content: z.union([z.string(), z.array(ContentPart)]),
});
const FunctionCallItem = z.looseObject({
  type: z.literal('function_call'),
  call_id: z.string().check(z.minLength(1)),
  name: z.string().check(z.minLength(1)),
  arguments: z.string(),
});
const FunctionCallOutputItem = z.looseObject({
  type: z.literal('function_call_output'),
  call_id: z.string().check(z.minLength(1)),
  output: z.union([z.string(), z.array(z.union([InputText, InputImage, InputFile]))]),
});
const ReasoningItem = z.looseObject({
  type: z.literal('reasoning'),
  id: z.optional(z.string()),
  summary: z.optional(z.array(z.looseObject({ type: z.string(), text: z.string() }))),
  encrypted_content: z.nullish(z.string()),
});
/** Any other item type, refused with its name (the union above would only say "invalid input"). */
const OtherItem = z.looseObject({ type: z.string() });

export const InputItem = z.union([MessageItem, FunctionCallItem, FunctionCallOutputItem, ReasoningItem, OtherItem]);
export type InputItem = z.infer<typeof InputItem>;

const FunctionTool = z.looseObject({
  type: z.literal('function'),
  name: z.string(),
  description: z.nullish(z.string()),
  parameters: z.nullish(z.record(z.string(), z.unknown())),
  strict: z.nullish(z.boolean()),
});
const OtherTool = z.looseObject({ type: z.string() });

const TextFormat = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('json_object') }),
  z.looseObject({
    type: z.literal('json_schema'),
    name: z.string(),
    description: z.optional(z.string()),
    schema: z.record(z.string(), z.unknown()),
    strict: z.nullish(z.boolean()),
  }),
]);

export const ResponsesRequest = z.looseObject({
  model: z.string().check(z.minLength(1, 'model is required')),
  input: z.union([z.string(), z.array(InputItem)]),
  instructions: z.nullish(z.string()),
  tools: z.optional(z.array(z.union([FunctionTool, OtherTool]))),
  tool_choice: z.optional(
    z.union([z.enum(['none', 'auto', 'required']), z.looseObject({ type: z.literal('function'), name: z.string() }), z.looseObject({ type: z.string() })]),
  ),
  parallel_tool_calls: z.nullish(z.boolean()),
  max_output_tokens: z.nullish(z.int().check(z.positive())),
  temperature: z.nullish(z.number().check(z.minimum(0), z.maximum(2))),
  top_p: z.nullish(z.number().check(z.minimum(0), z.maximum(1))),
  text: z.optional(z.looseObject({ format: z.optional(TextFormat) })),
  reasoning: z.nullish(z.looseObject({ effort: z.nullish(z.enum(REASONING_EFFORTS)), summary: z.nullish(z.string()) })),
  stream: z.nullish(z.boolean()),
  store: z.nullish(z.boolean()),
  previous_response_id: z.nullish(z.string()),
  include: z.nullish(z.array(z.string())),
  metadata: z.nullish(z.record(z.string(), z.string())),
  user: z.nullish(z.string()),
  models: z.optional(z.array(z.string().check(z.minLength(1))).check(z.maxLength(10))),
  provider: z.optional(ProviderPreferences),
});
export type ResponsesRequest = z.infer<typeof ResponsesRequest>;
