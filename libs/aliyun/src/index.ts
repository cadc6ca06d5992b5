// Alibaba Cloud VOD/ICE adapter (filled in by the Alibaba VOD issue).
export {};
