/** Services: the catalog administrators keep, who holds which, and breaking the glass for a patient outside them. */
export { ServiceChoices, ServiceSelect } from "./ServiceChoices";
export { ServicesSection } from "./ServicesSection";
export { AccessGrantsSection } from "./AccessGrantsSection";
export { BreakTheGlassPrompt, isBreakTheGlass } from "./BreakTheGlassPrompt";
