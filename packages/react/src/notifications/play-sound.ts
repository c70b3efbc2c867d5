/**
 * Plays a short alert without ever putting an autoplay refusal in the console: nothing is tried
 * before the person has interacted with the page (where the browser tells), and a refused
 * `play()` is swallowed. Without `src`, a 120 ms two-tone chime is made with Web Audio.
 */
export function playSound(src: string | undefined, volume: number): void {
  const activation = (navigator as Navigator & { userActivation?: { hasBeenActive: boolean } })
    .userActivation;
  if (activation && !activation.hasBeenActive) return;
  if (src) {
    if (typeof Audio === 'undefined') return;
    const audio = new Audio(src);
    audio.volume = volume;
    // A play() can still be refused (no activation yet where userActivation is unknown).
    void audio.play()?.catch(() => {});
    return;
  }
  chime(volume);
}

let context: AudioContext | null = null;

function chime(volume: number) {
  const Context = globalThis.AudioContext;
  if (!Context) return;
  context ??= new Context();
  const audio = context;
  if (audio.state === 'suspended') void audio.resume().catch(() => {});
  const start = audio.currentTime;
  for (const [offset, frequency] of [
    [0, 880],
    [0.06, 1320],
  ] as const) {
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = frequency;
    gain.gain.setValueAtTime(volume * 0.2, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.06);
    tone.connect(gain).connect(audio.destination);
    tone.start(start + offset);
    tone.stop(start + offset + 0.06);
  }
}
