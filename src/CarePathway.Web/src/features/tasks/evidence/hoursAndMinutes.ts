/** 240 → "4 h", 90 → "1 h 30 min": how long an infusion runs, as a ward would say it. */
export function hoursAndMinutes(minutes: number) {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h > 0 ? `${h} h` : "", m > 0 ? `${m} min` : ""].filter(Boolean).join(" ");
}
