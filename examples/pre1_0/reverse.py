"""Learn to reverse a sequence of digits (TensorFlow 0.12 style).

  python reverse.py --train_dir=/tmp/reverse --steps=60
  python reverse.py --train_dir=/tmp/reverse --decode --digits=3,1,4,1,5
"""

import os
import sys

import numpy as np
import tensorflow as tf

flags = tf.app.flags
flags.DEFINE_string("train_dir", "/tmp/reverse", "Checkpoint directory.")
flags.DEFINE_integer("steps", 60, "Training steps.")
flags.DEFINE_integer("batch_size", 16, "Batch size.")
flags.DEFINE_integer("seq_len", 5, "Length of the sequences.")
flags.DEFINE_integer("size", 24, "LSTM size.")
flags.DEFINE_float("learning_rate", 0.02, "Adam learning rate.")
flags.DEFINE_boolean("decode", False, "Reverse --digits with the saved model.")
flags.DEFINE_string("digits", "3,1,4,1,5", "Comma separated digits to reverse in decode mode.")
FLAGS = flags.FLAGS

PAD_ID, GO_ID = 0, 1
VOCAB_SIZE = 12  # PAD, GO and the digits 0-9 (id = digit + 2)


def make_batch(rng, batch_size, seq_len):
  x = rng.randint(2, VOCAB_SIZE, size=(batch_size, seq_len)).astype(np.int32)
  return x, x[:, ::-1].copy()


class ReverseModel(object):

  def __init__(self, seq_len, size, learning_rate):
    self.encoder = tf.placeholder(tf.int32, [None, seq_len], name="encoder")
    self.target = tf.placeholder(tf.int32, [None, seq_len], name="target")

    # decoder input: GO then the target shifted right
    go = tf.ones_like(self.target[:, :1]) * GO_ID
    decoder = tf.concat(1, [go, self.target[:, :-1]])

    encoder_inputs = [tf.squeeze(t, [1]) for t in tf.split(1, seq_len, self.encoder)]
    decoder_inputs = [tf.squeeze(t, [1]) for t in tf.split(1, seq_len, decoder)]
    targets = tf.unpack(tf.transpose(self.target))
    weights = [tf.ones_like(t, dtype=tf.float32) for t in targets]

    cell = tf.nn.rnn_cell.BasicLSTMCell(size, state_is_tuple=True)
    with tf.variable_scope("reverse"):
      outputs, _ = tf.nn.seq2seq.embedding_attention_seq2seq(
          encoder_inputs, decoder_inputs, cell, VOCAB_SIZE, VOCAB_SIZE, size,
          feed_previous=False)
    with tf.variable_scope("reverse", reuse=True):
      decode_outputs, _ = tf.nn.seq2seq.embedding_attention_seq2seq(
          encoder_inputs, decoder_inputs, cell, VOCAB_SIZE, VOCAB_SIZE, size,
          feed_previous=True)

    self.loss = tf.nn.seq2seq.sequence_loss(outputs, targets, weights, VOCAB_SIZE)
    self.train_op = tf.train.AdamOptimizer(learning_rate).minimize(self.loss)
    self.prediction = tf.transpose(tf.pack([tf.argmax(o, 1) for o in decode_outputs]))
    self.saver = tf.train.Saver(tf.all_variables())


def train(model):
  rng = np.random.RandomState(0)
  with tf.Session() as sess:
    sess.run(tf.initialize_all_variables())
    for step in range(FLAGS.steps):
      x, y = make_batch(rng, FLAGS.batch_size, FLAGS.seq_len)
      loss, _ = sess.run([model.loss, model.train_op], {model.encoder: x, model.target: y})
      if step % 10 == 0 or step == FLAGS.steps - 1:
        print("step %d loss %.4f" % (step, loss))
        sys.stdout.flush()
    if not os.path.exists(FLAGS.train_dir):
      os.makedirs(FLAGS.train_dir)
    path = model.saver.save(sess, os.path.join(FLAGS.train_dir, "reverse.ckpt"), global_step=FLAGS.steps)
    print("saved %s" % path)


def decode(model):
  digits = [int(d) for d in FLAGS.digits.split(",")][:FLAGS.seq_len]
  x = np.array([[d + 2 for d in digits]], dtype=np.int32)
  with tf.Session() as sess:
    model.saver.restore(sess, tf.train.latest_checkpoint(FLAGS.train_dir))
    tokens = sess.run(model.prediction, {model.encoder: x, model.target: np.zeros_like(x)})[0]
    print("tokens: %s" % " ".join(str(t) for t in tokens))
    print("reversed: %s" % ",".join(str(t - 2) for t in tokens))


def main(_):
  tf.set_random_seed(0)
  model = ReverseModel(FLAGS.seq_len, FLAGS.size, FLAGS.learning_rate)
  if FLAGS.decode:
    decode(model)
  else:
    train(model)


if __name__ == "__main__":
  tf.app.run()
