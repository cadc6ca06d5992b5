// Tencent Cloud VOD adapter (filled in by the Tencent VOD issue).
export {};
