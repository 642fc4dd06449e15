import { Kafka, logLevel, type Producer } from 'kafkajs';

/** A plain kafkajs producer, as another team's service would have: none of the project's messaging code. */
export async function plainProducer(
  brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
): Promise<Producer> {
  const kafka = new Kafka({ clientId: 'other-team', brokers, logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  await producer.connect();
  return producer;
}
