package pipeline

// SetWriteFile lets external tests inject a failing disk.
func SetWriteFile(b *Batch, f func(path string, data []byte) error) { b.injectWrite = f }
