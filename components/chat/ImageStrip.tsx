/** Images that went with a question or a comparison's prompt. */
export function ImageStrip({ images, label }: { images: string[]; label: (index: number) => string }) {
  if (!images.length) return null;
  return (
    <div className="sy-message-images">
      {images.map((url, i) => (
        <img key={i} src={url} alt={label(i)} loading="lazy" />
      ))}
    </div>
  );
}
