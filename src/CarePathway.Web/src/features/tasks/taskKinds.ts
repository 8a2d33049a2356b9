/** A task kind in the words a ward uses; a kind this list does not know is shown with its dashes as spaces. */
const kindWords: Record<string, string> = {
  "order-labs": "Order labs",
  "administer-infusion": "Record the infusion",
  "infusion-approval": "Infusion approval",
  "escalation-approval": "Escalation approval",
  "gate-escalation": "Lab gate escalation",
  "weight-review": "Weight review",
  "dental-review": "Dental review",
  imaging: "Imaging",
  "nsaid-review": "NSAID review",
  "nsaid-start": "Start NSAID",
  "missed-dose-review": "Missed dose review",
  "response-review": "Response review",
  "acute-phase-prophylaxis": "Acute-phase prophylaxis",
  "steroid-stress-dose": "Steroid stress dose",
  "post-infusion-monitoring": "Post-infusion monitoring",
  measurements: "Weigh and measure",
  "infusion-booking": "Book the infusion",
  "gp-letter": "Letter to the GP",
};

export const kindText = (kind: string) => kindWords[kind] ?? kind.charAt(0).toUpperCase() + kind.slice(1).replaceAll("-", " ");
