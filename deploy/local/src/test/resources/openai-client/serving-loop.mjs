// Asks the evaluator's serving endpoint for answers with the official `openai` npm client, as an application would,
// alternating streamed and whole answers, until the stop file appears. Prints a line per answer ('answered <kind> by
// <checkpoint>'), then one JSON line for ServingClientIT: how many requests of each kind were answered, every failure,
// and which checkpoints answered (in order of first use).
import OpenAI from 'openai';
import { existsSync } from 'node:fs';

const [baseURL, model, stopFile] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey: 'sk-unused-by-the-evaluator', maxRetries: 0, timeout: 30000 });
const request = {
  model,
  messages: [
    { role: 'system', content: "Answer with a final line '#### <answer>'." },
    { role: 'user', content: 'What is 12 + 30?' },
  ],
  max_tokens: 96,
};
const summary = { streamed: 0, whole: 0, failures: [], checkpoints: [] };

function answeredBy(kind, checkpoint, header) {
  if (!checkpoint || checkpoint !== header) {
    throw new Error(`answer names checkpoint ${checkpoint} but the header says ${header}`);
  }
  console.log(`answered ${kind} by ${checkpoint}`);
  if (!summary.checkpoints.includes(checkpoint)) {
    summary.checkpoints.push(checkpoint);
  }
}

async function streamed() {
  const { data: stream, response } = await client.chat.completions
    .create({ ...request, stream: true, stream_options: { include_usage: true } })
    .withResponse();
  let checkpoint;
  let finish;
  let usage;
  for await (const chunk of stream) {
    checkpoint ??= chunk.system_fingerprint;
    if (chunk.system_fingerprint !== checkpoint) {
      throw new Error(`one stream from two checkpoints: ${checkpoint} and ${chunk.system_fingerprint}`);
    }
    finish = chunk.choices[0]?.finish_reason ?? finish;
    usage = chunk.usage ?? usage;
  }
  if (!finish || !usage || usage.total_tokens !== usage.prompt_tokens + usage.completion_tokens) {
    throw new Error(`stream ended without a finish reason (${finish}) or usage (${JSON.stringify(usage)})`);
  }
  answeredBy('streamed', checkpoint, response.headers.get('x-distill-checkpoint'));
  summary.streamed++;
}

async function whole() {
  const { data: completion, response } = await client.chat.completions.create(request).withResponse();
  if (completion.object !== 'chat.completion' || typeof completion.choices[0]?.message?.content !== 'string') {
    throw new Error(`not a chat completion: ${JSON.stringify(completion)}`);
  }
  answeredBy('whole', completion.system_fingerprint, response.headers.get('x-distill-checkpoint'));
  summary.whole++;
}

while (!existsSync(stopFile)) {
  for (const [kind, call] of [['streamed', streamed], ['whole', whole]]) {
    try {
      await call();
    } catch (e) {
      summary.failures.push(`${kind}: ${e.constructor.name} ${e.status ?? ''} ${e.message}`);
    }
  }
}
console.log(JSON.stringify(summary));
