export * from "./schedule";
export * from "./clock";
export * from "./secretRotation";
export * from "./accessKeys";
