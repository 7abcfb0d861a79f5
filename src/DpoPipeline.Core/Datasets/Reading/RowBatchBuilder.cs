using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DpoPipeline.Core.Datasets.Reading;

/// <summary>
/// Renders tabular rows (CSV, Parquet) as JSON objects so every format flows through the same shape detection and
/// validation. Cells holding JSON arrays or objects (message lists exported as text) are embedded as JSON.
/// </summary>
internal sealed class RowBatchBuilder
{
    private const int TargetBatchBytes = 1 << 20;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private ArrayBufferWriter<byte> _buffer = new(TargetBatchBytes);
    private List<RawRecord> _records = [];
    private long _index;

    public bool IsFull => _buffer.WrittenCount >= TargetBatchBytes;

    public bool IsEmpty => _records.Count == 0;

    public void AddRow(long line, IEnumerable<KeyValuePair<string, object?>> fields)
    {
        var start = _buffer.WrittenCount;
        using (var writer = new Utf8JsonWriter(_buffer, WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                writer.WritePropertyName(name);
                WriteValue(writer, value);
            }

            writer.WriteEndObject();
        }

        _records.Add(new RawRecord(start, _buffer.WrittenCount - start, line, _index++));
    }

    public RecordBatch TakeBatch()
    {
        var batch = new RecordBatch(_buffer.WrittenSpan.ToArray(), _records, pooled: false);
        _buffer = new ArrayBufferWriter<byte>(TargetBatchBytes);
        _records = [];
        return batch;
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text when LooksLikeJsonContainer(text):
                WriteEmbeddedJson(writer, text);
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case byte[] bytes:
                writer.WriteBase64StringValue(bytes);
                break;
            case IDictionary dictionary:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                    WriteValue(writer, entry.Value);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            case IFormattable number when value is int or long or short or byte or double or float or decimal or uint or ulong or ushort or sbyte:
                writer.WriteRawValue(number.ToString(null, CultureInfo.InvariantCulture), skipInputValidation: true);
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static bool LooksLikeJsonContainer(string text)
    {
        var trimmed = text.AsSpan().Trim();
        return trimmed.Length >= 2 && ((trimmed[0] == '[' && trimmed[^1] == ']') || (trimmed[0] == '{' && trimmed[^1] == '}'));
    }

    private static void WriteEmbeddedJson(Utf8JsonWriter writer, string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
            document.RootElement.WriteTo(writer);
        }
        catch (JsonException)
        {
            writer.WriteStringValue(text);
        }
    }
}
