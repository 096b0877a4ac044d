// Calls the gateway's OpenAI-compatible proxy with the official `openai` npm client, as an application would after
// changing its base URL. Prints what it got as one JSON line for OpenAiClientIT to check.
import OpenAI from 'openai';

const [baseURL, model] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey: 'sk-application-key-the-gateway-ignores', maxRetries: 0, timeout: 30000 });

const completion = await client.chat.completions.create({
  model,
  messages: [
    { role: 'system', content: "Answer with a final line '#### <answer>'." },
    { role: 'user', content: 'What is 12 + 30?' },
  ],
  temperature: 0,
  max_tokens: 64,
  logprobs: true,
  top_logprobs: 2,
});
const models = await client.models.list();
console.log(JSON.stringify({ completion, models: models.data.map((m) => m.id) }));
