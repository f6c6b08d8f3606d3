// Lucene's PersianAnalyzer (what Elasticsearch's `persian` analyzer is) over a batch of texts in one JVM:
// one text per input line (UTF-8), one line of space-separated tokens per text on output, in the same order.
// The relevance harness indexes these tokens into `whitespace` fields, because the minimal Elasticsearch
// distribution used for development has no analysis-common module.
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.fa.PersianAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

public final class PersianTokens {
  public static void main(String[] args) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    BufferedWriter out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    try (PersianAnalyzer analyzer = new PersianAnalyzer()) {
      String line;
      while ((line = in.readLine()) != null) {
        StringBuilder tokens = new StringBuilder();
        try (TokenStream stream = analyzer.tokenStream("text", line)) {
          CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
          stream.reset();
          while (stream.incrementToken()) {
            if (tokens.length() > 0) tokens.append(' ');
            tokens.append(term);
          }
          stream.end();
        }
        out.write(tokens.toString());
        out.write('\n');
      }
    }
    out.flush();
  }
}
