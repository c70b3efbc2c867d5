/**
 * One worker's part of a timed run. Senders start at the shared start time
 * and stop at the end of the window; the time before the window is warm-up.
 * Counts are of acks and deliveries that arrive inside the window (that is
 * the throughput); latencies are of messages sent inside it, however late
 * their ack or delivery comes (a short drain after the window waits for them).
 */

import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Message } from '@banter/core/protocol';
import type { SimClient } from './client';
import { nowUs, sleep } from './clock';
import { Histogram } from './histogram';
import type { RunPlan, WorkerResult } from './ipc';

/** The send time travels in the body; every process reads the same monotonic clock. */
const stampPrefix = 't=';
/** For clientIds: never reset, so a later run cannot repeat an id the server already stored. */
let sendCount = 0;

export class LoadRun {
  readonly #plan: RunPlan;
  readonly #ack = new Histogram();
  readonly #delivery = new Histogram();
  readonly #errors: Record<string, number> = {};
  #sent = 0;
  #acked = 0;
  #delivered = 0;
  #inFlight = 0;

  constructor(plan: RunPlan) {
    this.#plan = plan;
  }

  #inWindow(us: number) {
    return us >= this.#plan.windowStartUs && us < this.#plan.windowEndUs;
  }

  /** Every `message:new` of every client of this worker comes here while the run lasts. */
  onMessage(client: SimClient, message: Message) {
    // Banter also sends a message back to its sender's sockets: that is not a delivery to someone else.
    if (message.senderId === client.userId) return;
    if (!message.body.startsWith(stampPrefix)) return;
    const sentUs = Number(message.body.slice(stampPrefix.length));
    const at = nowUs();
    if (this.#inWindow(at)) this.#delivered++;
    if (this.#inWindow(sentUs)) this.#delivery.record(at - sentUs);
  }

  async run(senders: { client: SimClient; conversationId: string }[]): Promise<WorkerResult> {
    const { load, startAtUs, windowStartUs, windowEndUs } = this.#plan;
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    let cpuAtStart = process.cpuUsage();
    let cpuUs = 0;
    const windowTimers = [
      setTimeout(
        () => {
          cpuAtStart = process.cpuUsage();
          loopDelay.enable();
        },
        Math.max(0, (windowStartUs - nowUs()) / 1000),
      ),
      setTimeout(
        () => {
          const used = process.cpuUsage(cpuAtStart);
          cpuUs = used.user + used.system;
          loopDelay.disable();
        },
        Math.max(0, (windowEndUs - nowUs()) / 1000),
      ),
    ];
    await sleep(Math.max(0, (startAtUs - nowUs()) / 1000));

    if (load.kind === 'window') {
      for (const { client, conversationId } of senders) {
        const pump = () => {
          if (nowUs() < windowEndUs) this.#send(client, conversationId, pump);
        };
        for (let i = 0; i < load.window; i++) pump();
      }
    } else if (load.kind === 'rate') {
      const periodUs = 1e6 / load.perSecond;
      for (const { client, conversationId } of senders) {
        // Spread over one period, so the senders do not fire in step.
        let dueUs = startAtUs + Math.random() * periodUs;
        const tick = () => {
          if (dueUs >= windowEndUs) return;
          this.#send(client, conversationId, () => {});
          dueUs += periodUs;
          setTimeout(tick, Math.max(0, (dueUs - nowUs()) / 1000));
        };
        setTimeout(tick, Math.max(0, (dueUs - nowUs()) / 1000));
      }
    }

    await sleep(Math.max(0, (windowEndUs - nowUs()) / 1000));
    await this.#drain();
    for (const timer of windowTimers) clearTimeout(timer);
    return {
      sent: this.#sent,
      acked: this.#acked,
      delivered: this.#delivered,
      errors: this.#errors,
      unanswered: this.#inFlight,
      ackUs: this.#ack.toData(),
      deliveryUs: this.#delivery.toData(),
      cpuUs,
      loopDelayP99Us: loopDelay.count > 0 ? loopDelay.percentile(99) / 1000 : 0,
    };
  }

  /** Waits for the last acks, then a little longer for deliveries to other workers, within the drain budget. */
  async #drain() {
    const deadline = nowUs() + this.#plan.drainMs * 1000;
    while (this.#inFlight > 0 && nowUs() < deadline) await sleep(20);
    await sleep(Math.min(300, Math.max(0, (deadline - nowUs()) / 1000)));
  }

  #count(code: string) {
    this.#errors[code] = (this.#errors[code] ?? 0) + 1;
  }

  #send(client: SimClient, conversationId: string, then: () => void) {
    const sentUs = nowUs();
    const counted = this.#inWindow(sentUs);
    if (counted) this.#sent++;
    this.#inFlight++;
    const payload = {
      conversationId,
      clientId: `${client.userId}/${++sendCount}`,
      body: `${stampPrefix}${sentUs}`,
    };
    client.socket.emit('message:send', payload, (result) => {
      this.#inFlight--;
      const at = nowUs();
      if (!result.ok) {
        this.#count(result.error.code);
      } else if (!result.data.created) {
        // A fresh clientId answered as a retry would mean the bench repeated itself: no broadcast happened.
        this.#count('duplicate');
      } else {
        if (this.#inWindow(at)) this.#acked++;
        if (counted) this.#ack.record(at - sentUs);
      }
      then();
    });
  }
}
