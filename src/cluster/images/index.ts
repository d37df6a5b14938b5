/** What a scenario says an image does when it runs. */
export interface ImageSpec {
  memory?: string;
  ports?: number[];
  logs?: string[];
}

/** The images the simulated registries know, and what each does when run. */
export class ImageCatalog {
  constructor(readonly scenarioImages: Record<string, ImageSpec>) {}
}
